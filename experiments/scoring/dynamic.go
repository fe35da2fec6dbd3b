package main

// variantsDynamic returns the dynamic-scoring method's modes once the method is registered (branch
// dynscore); none before.
func variantsDynamic() map[string]variant { return nil }
