"""`python -m studyapp` runs the same entry point as the `studyapp` command."""

from studyapp.cli import main

raise SystemExit(main())
