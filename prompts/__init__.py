"""The prompt files: installed inside the package as `pipeline.prompt_files`, so `tradex`
finds them from any folder. A `prompts/` folder in the current directory, or `--prompts-dir`,
takes their place."""
