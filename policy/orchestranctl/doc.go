// Package orchestranctl applies OrchestRAN's placements (package orchestran) on the simulation engine: a controller that re-solves problem (10) for a new batch of intents every period and deploys the models through typed actions, routing each control loop to its instance, with the control loops as periodic requests.
package orchestranctl
