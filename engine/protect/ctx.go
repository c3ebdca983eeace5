package protect

import "context"

type ctxKey struct{}

// WithKey returns ctx carrying key, for a request that reads a protected backup.
func WithKey(ctx context.Context, key *Key) context.Context {
	return context.WithValue(ctx, ctxKey{}, key)
}

// KeyFrom returns the key ctx carries, or nil.
func KeyFrom(ctx context.Context) *Key {
	k, _ := ctx.Value(ctxKey{}).(*Key)
	return k
}
