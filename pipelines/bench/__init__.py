"""`newsetl bench`: speed and memory, each figure measured in a fresh process, against a baseline of the
same run (the machines are shared and noisy: ratios travel, seconds do not)."""
