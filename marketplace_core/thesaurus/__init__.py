"""The search thesaurus: equivalent phrasings and one-way expansions of buyers' words."""
