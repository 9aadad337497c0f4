-- Issue 13 §3: key rotation progress (placeholder until written)
SELECT 1;
