// Command ferretdb-embedded runs FerretDB v1 (a MongoDB-wire-compatible server). The local stack starts it with
// its PostgreSQL backend (-handler postgresql, on the PostgreSQL of infra/servers/postgres.ts); the SQLite backend
// remains for CLAIMS_STORE_BACKEND=sqlite.
//
// The project owns this main module because `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2`
// panics at start: its build/version package requires a generated version.txt whenever the main module is
// FerretDB itself (FerretDB/FerretDB#2982). Embedding the public `ferretdb` package avoids that check and
// also disables telemetry.
package main

import (
	"context"
	"flag"
	"log"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	addr := flag.String("listen-addr", "127.0.0.1:27017", "TCP listen address")
	handler := flag.String("handler", "sqlite", "sqlite or postgresql")
	sqliteURL := flag.String("sqlite-url", "", "file:/abs/dir/ (directory must exist, trailing slash)")
	pgURL := flag.String("postgresql-url", "", "postgres://postgres@127.0.0.1:5432/ferretdb for the postgresql handler")
	flag.Parse()

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *addr},
		Handler:       *handler,
		SQLiteURL:     *sqliteURL,
		PostgreSQLURL: *pgURL,
	})
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	log.Printf("ferretdb-embedded listening on %s (handler %s)", *addr, *handler)
	// Run blocks until SIGINT/SIGTERM, then closes the listener and the backend.
	if err := f.Run(ctx); err != nil {
		log.Printf("ferretdb stopped: %v", err)
	}
}
