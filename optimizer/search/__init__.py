"""Making plans: the CP-SAT model, the greedy planner and the search strategy around them."""
