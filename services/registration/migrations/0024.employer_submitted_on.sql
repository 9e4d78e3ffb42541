-- depends: 0023.fine_ground
-- The China date a registration (form 2-1/2-2) was submitted, from the service's clock (R-TIME-1):
-- the listed staff are enrolled on it (R-REG-3). Earlier rows take the China date of creation.
ALTER TABLE employers ADD COLUMN submitted_on date;
UPDATE employers SET submitted_on = (created_at AT TIME ZONE 'Asia/Shanghai')::date;
ALTER TABLE employers ALTER COLUMN submitted_on SET NOT NULL;
