"""The vocabulary every other layer speaks: the wire format, entities, errors, text helpers.
Imports nothing else of tradex."""
