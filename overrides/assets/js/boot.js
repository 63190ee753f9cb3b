// Material's start-up helpers (from partials/javascripts/base.html), with two changes: the site root comes
// from this file's address (no inline script, so the CSP needs no 'unsafe-inline'), and the light/dark
// choice is kept in sessionStorage, so a shared device keeps no trace of the site once the tab is closed.
__md_scope=new URL("../../",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_store=e=>"__palette"===e?sessionStorage:localStorage,__md_get=(e,_=__md_store(e),t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=__md_store(e),a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
