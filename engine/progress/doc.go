// Package progress holds the shapes of a task's advance and warnings, shared by the engine, the task runner and the panel (it builds as wasm).
package progress
