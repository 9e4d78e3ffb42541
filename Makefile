# The two commands: `make run` and `make test`. Everything else is a convenience.
.PHONY: run test setup migrate token stop bench bench-scale

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

stop:   ## stop PostgreSQL, Temporal and its UI left running by scripts/pg.sh / scripts/temporal*.sh
	@scripts/temporal.sh stop; scripts/temporal-ui.sh stop; scripts/temporal-server.sh stop; scripts/pg.sh stop

bench:  ## benchmarks B1–B6 against bare baselines, then one table (PostgreSQL and both Temporal engines running; .tools/bench/*.json)
	@.venv/bin/python benchmarks/intake.py
	@.venv/bin/python benchmarks/journey_start.py
	@.venv/bin/python benchmarks/month_boundary.py
	@.venv/bin/python benchmarks/payroll_figures.py
	@.venv/bin/python benchmarks/status_read.py
	@.venv/bin/python benchmarks/footprint.py
	@.venv/bin/python benchmarks/console_journey.py
	@.venv/bin/python benchmarks/report.py

# SIZES=1000,10000 for a shorter run. Its own database (uis_scale), never the test database.
bench-scale:  ## the scale run on the server engine (not in CI): journeys held at 1,000/10,000/50,000, growth curve, plot
	@UIS_TEST_DATABASE=uis_scale scripts/pg.sh start
	@scripts/temporal-server.sh start
	@UIS_TEST_DATABASE=uis_scale PYTHONUNBUFFERED=1 .venv/bin/python benchmarks/scale.py $(if $(SIZES),--sizes $(SIZES))
	@.venv/bin/python benchmarks/scale_plot.py
