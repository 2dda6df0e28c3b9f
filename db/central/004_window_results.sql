-- Results recorded at the window: the window's own approval or refusal for
-- items its clerk may decide (首席服务官), the department's result when it
-- reaches the window, and the completion (办结) after either. The counter
-- asks with the version it saw, as for every status request; the server's
-- order decides.
INSERT INTO ow.status_transitions (from_status, to_status, actor_kind) VALUES
    ('accepted', 'approved', 'counter'),
    ('accepted', 'refused', 'counter'),
    ('first_review', 'approved', 'counter'),
    ('first_review', 'refused', 'counter'),
    ('forwarded', 'approved', 'counter'),
    ('forwarded', 'refused', 'counter'),
    ('approved', 'completed', 'counter'),
    ('refused', 'completed', 'counter')
ON CONFLICT DO NOTHING;
