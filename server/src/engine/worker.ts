// Worker thread for workspace scans: being written.
