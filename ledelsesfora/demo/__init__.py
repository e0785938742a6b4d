"""Demo data for `make run`, trials and benchmarks: both bundled municipalities with made-up
people, their planned years, items in every state and minutes (`ledelsesfora demo`). It sits on
top of every other app and calls their operations; nothing else imports it."""
