"""Pure writing rules: prompts, markdown → blocks, length control, sources, retry delays, ids."""
