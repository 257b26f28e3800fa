"""Review: transcripts, a trainee's progress, server reports and exports."""
