-- depends: 0016.benefit_end
-- The day of 求职登记 as a China date from the service's clock (R-TIME-1), kept as a business
-- fact: the first-guidance deadline, report months and statistics count from it. Rows before it
-- take the China date of their creation.
ALTER TABLE job_seekers ADD COLUMN registered_on date;
UPDATE job_seekers SET registered_on = (created_at AT TIME ZONE 'Asia/Shanghai')::date;
ALTER TABLE job_seekers ALTER COLUMN registered_on SET NOT NULL;
