// Coffre backs up and restores hosting accounts and websites. One main serves both targets: in
// the browser (GOOS=js GOARCH=wasm) it starts the panel; on the host it runs the CLI, whose
// `serve` command serves the panel embedded from web/.
package main

import panel "coffre/app"

func main() {
	panel.Routes()
	panel.RouteNotFound()
	run()
}
