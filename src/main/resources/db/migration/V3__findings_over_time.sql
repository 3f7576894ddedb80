-- What changed in each user's findings since the previous audit, and each audit's totals for the trend.

alter table audited_user add column findings_new varchar(1000) not null default '';
alter table audited_user add column findings_resolved varchar(1000) not null default '';

alter table audit_run add column findings integer;
