-- depends: 0030.person_name_search
-- R-SPELL-1 / R-RFI-1: a claim closed as incomplete (the documents the agency asked for once did
-- not come within the supply deadline) ends the 失业登记 like a rejected claim, with its own reason.
ALTER TABLE unemployment_registrations DROP CONSTRAINT unemployment_registrations_end_reason_check;
ALTER TABLE unemployment_registrations ADD CONSTRAINT unemployment_registrations_end_reason_check CHECK (end_reason IN (
    're_employed', 'claim_rejected', 'entitlement_exhausted', 'benefit_stopped', 'transferred_out',
    'died', 'pension', 'enlisted', 'emigrated', 'imprisoned', 'refused_services', 'no_contact',
    'no_longer_seeking', 'incapacity', 'enrolled_in_education', 'other',
    'claim_incomplete'));
