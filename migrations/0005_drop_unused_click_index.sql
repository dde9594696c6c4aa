-- Stats read the daily rollups and the repeat check uses clicks_visitor, so clicks(invitation_id, created_at)
-- serves no query any more; dropping it saves an index write per click.
DROP INDEX clicks_invitation;
