# The two commands: `make run` and `make test`. Everything else is a convenience.
.PHONY: run test setup migrate token stop bench

# ENGINE=server: Temporal on the production engine (the Temporal server on PostgreSQL) instead
# of the dev server.
ENGINE ?= dev

run:    ## install what is missing, start the whole stack, print where it is (Ctrl-C stops it)
	@ENGINE=$(ENGINE) scripts/run.sh

test:   ## install what is missing, start PostgreSQL and Temporal, run the whole suite
	@scripts/test.sh

setup:  ## install only (idempotent, cached)
	@scripts/setup.sh

migrate:
	@.venv/bin/uis-migrate

token:  ## e.g. make token ROLE=service_point DISTRICT=430102
	@.venv/bin/uis-token --role $(ROLE) $(if $(DISTRICT),--district $(DISTRICT))

stop:   ## stop PostgreSQL and Temporal left running by scripts/pg.sh / scripts/temporal*.sh
	@scripts/temporal.sh stop; scripts/temporal-server.sh stop; scripts/pg.sh stop

bench:  ## benchmarks B1–B6 against bare baselines, then one table (PostgreSQL and both Temporal engines running; .tools/bench/*.json)
	@.venv/bin/python benchmarks/intake.py
	@.venv/bin/python benchmarks/journey_start.py
	@.venv/bin/python benchmarks/month_boundary.py
	@.venv/bin/python benchmarks/payroll_figures.py
	@.venv/bin/python benchmarks/status_read.py
	@.venv/bin/python benchmarks/footprint.py
	@.venv/bin/python benchmarks/console_journey.py
	@.venv/bin/python benchmarks/report.py
