-- depends: 0026.spell_end_and_residence
-- R-EMP-1: one vocabulary for notice timeliness. A notice filed beyond the law's 15 days is
-- 'beyond_legal_maximum' (it was stored as 'late'); "late" is the filter for every notice that
-- broke the 7-day rule (GET /separations?timeliness=late).
ALTER TABLE employments DROP CONSTRAINT employments_separation_notice_timeliness_check;
UPDATE employments SET separation_notice_timeliness = 'beyond_legal_maximum'
WHERE separation_notice_timeliness = 'late';
ALTER TABLE employments ADD CONSTRAINT employments_separation_notice_timeliness_check
    CHECK (separation_notice_timeliness IN ('within_statutory', 'within_legal_maximum', 'beyond_legal_maximum'));
