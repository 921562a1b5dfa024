"""Protecting the people in the register (issue 15): users and roles, encryption at rest, the access log, masking."""
