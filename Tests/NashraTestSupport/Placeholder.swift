enum _PTS {}
