-- depends: 0020.area_chain
-- 首次职业培训推荐: a job seeker on benefit is offered vocational training (a course through a
-- referral, or an enrolment) within a policy number of days of registering as a job seeker, as the
-- first guidance session is ('first_guidance_days'); GET /training/first-offers-due lists those
-- still waiting. The seed names training as a step of the 一条龙 journey but sets no time limit,
-- so the province row is a sample, marked as one, until the agency enters its own.
ALTER TABLE policy_parameters DROP CONSTRAINT policy_parameters_name_check;
ALTER TABLE policy_parameters ADD CONSTRAINT policy_parameters_name_check CHECK (name IN (
    'refusal_threshold', 'first_guidance_days', 'referral_response_days', 'first_training_offer_days'));

INSERT INTO policy_parameters (name, area_code, effective_from, value, source, is_sample) VALUES
    ('first_training_offer_days', '430000', DATE '2020-01-01', 30,
     'SAMPLE: 示例数据, 非正式政策 (领取失业保险金人员首次职业培训推荐时限, 天)', true);
