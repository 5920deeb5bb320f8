"""Application status data: the tables, the lookup by hashed NIK and KK, and the limits on guessing."""
