"""What every page shares, one module per concern: the database (`store`), the service and
date in view (`choice`), who is signed in (`signin`), cached results (`caches`) and audited
downloads (`audit`)."""
