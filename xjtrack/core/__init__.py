"""The model and its judging: records, quantities, periods, rules and verdicts. Pure: no I/O."""
