"""The data and the vocabulary every layer shares: roster, plan, service model, calendar,
placements and messages (docs/architecture.md)."""
