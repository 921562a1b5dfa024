"""Protecting the people in the register (issue 15): the office's users and roles, the
office key wrapped for each of them (keyring.py), signing in (signin.py), what each role may
do (roles.py), the access log (access_log.py). No Qt here: the app and the CLI both stand on it."""
