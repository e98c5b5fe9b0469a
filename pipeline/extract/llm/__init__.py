"""The LLM path: prompts as data files, the response schema and its validators, instructor
on the openai client, and the response store that records and replays HTTP answers."""
