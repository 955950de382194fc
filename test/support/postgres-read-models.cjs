// Setup file of the e2e-postgres jest project: every test app keeps its read models in PostgreSQL.
process.env.KPI_E2E_READ_STORE = 'postgres';
