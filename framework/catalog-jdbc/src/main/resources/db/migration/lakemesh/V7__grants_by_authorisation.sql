-- The grants resting on one authority (grant:N or request:N), which end when it ends: a revoke
-- follows them from this index instead of reading every grant.
CREATE INDEX lm_grants_by_authorisation ON lm_grants (authorisation);
