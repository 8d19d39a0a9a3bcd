"""Quotes: "Obtenir un devis" (R-QUO-1…3) — a buyer asks a seller, the seller answers."""
