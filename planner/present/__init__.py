"""Plain tables and chart specifications for the app's pages, built from the domain objects.

Pages only show what these functions return, so every figure on screen can be tested without
Streamlit and traced back to the service, the policy and the as-of date.
"""
