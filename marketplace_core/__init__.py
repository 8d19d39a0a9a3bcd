"""The system of record: sellers, gigs and everything buyers and sellers do after search."""
