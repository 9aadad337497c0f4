-- Issue 13 §6b: rate limits shared between instances (placeholder until written)
SELECT 1;
