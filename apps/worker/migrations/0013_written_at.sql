-- When a job item last wrote the account (`Accounts.write`): a sync that started before then
-- read it before the job's write, so its apply leaves the account and its findings as the job
-- wrote them ("a fix shows at once" is not undone by a sync already running); the next sync
-- reads it afresh. NULL: no job wrote it.
ALTER TABLE accounts ADD COLUMN written_at TEXT;
