-- When the recorder captured each user (configurationItemCaptureTime): IAM is global, so
-- every region's recorder reports the same user, and the latest capture's fields are kept.

alter table audited_user add column captured_at timestamp with time zone;
