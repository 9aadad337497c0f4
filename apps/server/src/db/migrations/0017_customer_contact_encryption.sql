-- Issue 13 §3: customer e-mail, phones and addresses encrypted (placeholder until written)
SELECT 1;
