-- The requester's justification of an access request, for the producer deciding on it. Requests
-- stored before this migration had none: they read back with an empty one.
ALTER TABLE lm_access_requests ADD COLUMN justification TEXT NOT NULL DEFAULT '';
