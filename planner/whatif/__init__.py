"""What-ifs and change over time: scenarios of edits, the Monte Carlo projection, supervision
reassignments, the difference between two services and how the headline figures moved."""
