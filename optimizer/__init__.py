"""taito-optimizer: plans Kela Taito rehabilitation courses with CP-SAT."""

__version__ = "0.1.0"
