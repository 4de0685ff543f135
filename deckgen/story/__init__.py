"""From an outline and computed metrics to slide specs: what each slide says."""
