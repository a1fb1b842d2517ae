"""Second opinions that know no solver: the validator, the soft-rule costs and the pre-checks."""
