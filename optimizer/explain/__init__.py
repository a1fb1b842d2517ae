"""Plans and failures read for people: cost explanations, diagnoses, diffs and comparisons."""
