# No routes: booting it measures the VM and the Kiln DSL alone (bench/run
# subtracts this from the hello app's boot to get the app's own load time).
