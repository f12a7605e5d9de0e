"""All of Loop's SQL, by concern: issues with their labels, relations, comments and signals;
projects and goals; prompt templates, versions and reviews; dispatch's ranking and claim; the
dashboard's counts. Records are plain rows (`schema/_shared/repository.py`)."""
