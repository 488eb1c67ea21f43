// Loaded last: every page's functions exist before the first route runs.
"use strict";

const signedOut = sessionStorage.getItem("lakemesh.signedOut");
if (signedOut) { sessionStorage.removeItem("lakemesh.signedOut"); showSignInError(signedOut); }
if (state.token) signIn();
