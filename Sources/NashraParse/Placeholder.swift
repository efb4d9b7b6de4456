enum _PNashraParse {}
