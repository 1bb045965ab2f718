-- Accounts of the review UI: who may log in and with which role. A password is stored only as its argon2id
-- hash (with its own salt and parameters); a disabled account keeps its row, so the verdicts it gave stay
-- attributed to a known name.
CREATE TABLE users (
    name          VARCHAR PRIMARY KEY,
    role          VARCHAR NOT NULL CHECK (role IN ('reviewer', 'editor', 'admin')),
    password_hash VARCHAR NOT NULL,
    enabled       BOOLEAN NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

-- Failed logins per name typed (an account or not, so the delay says nothing of which names exist): each
-- failure makes the next attempt under that name wait longer; a successful login removes the row.
CREATE TABLE login_failures (
    name           VARCHAR PRIMARY KEY,
    failures       INTEGER NOT NULL,
    last_failed_at TIMESTAMP NOT NULL
);
